import { runStandalone } from '@app/platform';
import { systemHrisApp } from './app.definition';

void runStandalone(systemHrisApp);
