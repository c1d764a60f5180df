// Every migration of the sandbox_salesforce schema, oldest first.
import type { MigrationInterface } from 'typeorm';
import { SalesforceSandboxInitial1795308944123 } from './1795308944123-SalesforceSandboxInitial';

export const salesforceSandboxMigrations: Array<new () => MigrationInterface> = [SalesforceSandboxInitial1795308944123];
