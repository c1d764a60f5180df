import { runStandalone } from '@app/platform';
import { systemBillingApp } from './app.definition';

void runStandalone(systemBillingApp);
