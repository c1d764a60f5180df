/** Salesforce REST wire types (only what system-crm reads). */

/** `POST /services/oauth2/token` answer (no expiry, no refresh token for client credentials). */
export interface SalesforceTokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  token_type: string;
  issued_at: string;
  signature?: string;
}

/** `GET /query` and `GET /query/{locator}`. */
export interface SalesforceQueryResult<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

/** One entry of Salesforce's error array. */
export interface SalesforceErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** An Opportunity as system-crm selects it (SALESFORCE_OPPORTUNITY_FIELDS). */
export interface SalesforceOpportunityRecord {
  attributes?: { type: string; url: string };
  Id: string;
  Name: string;
  AccountId: string | null;
  Account?: { External_Id__c: string | null } | null;
  StageName: string;
  IsWon?: boolean;
  IsClosed?: boolean;
  Amount: number | null;
  CurrencyIsoCode?: string | null;
  CloseDate: string;
  External_Id__c: string | null;
  Legal_Entity__c: string | null;
  Billing_Model__c: string | null;
  Rate_Card__c: string | null;
  Tax_Profile__c: string | null;
  Start_Date__c: string | null;
  End_Date__c: string | null;
  Budget__c: number | null;
  Project_Code__c: string | null;
  LastModifiedDate: string;
}

/** An Account as system-crm selects it (SALESFORCE_ACCOUNT_FIELDS). */
export interface SalesforceAccountRecord {
  attributes?: { type: string; url: string };
  Id: string;
  Name: string;
  External_Id__c: string | null;
  Legal_Entity__c: string | null;
  CurrencyIsoCode?: string | null;
  Billing_Country__c: string | null;
  BillingCountry: string | null;
  LastModifiedDate: string;
}
