import { runStandalone } from '@app/platform';
import { systemPsaApp } from './app.definition';

void runStandalone(systemPsaApp);
