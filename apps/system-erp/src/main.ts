import { runStandalone } from '@app/platform';
import { systemErpApp } from './app.definition';

void runStandalone(systemErpApp);
