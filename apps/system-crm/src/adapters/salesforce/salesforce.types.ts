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
  BillingStreet?: string | null;
  BillingCity?: string | null;
  BillingPostalCode?: string | null;
  Payment_Terms_Days__c?: number | null;
  LastModifiedDate: string;
}

/** An OpportunityLineItem as system-crm selects it (SALESFORCE_LINE_ITEM_FIELDS). */
export interface SalesforceLineItemRecord {
  attributes?: { type: string; url: string };
  Id: string;
  External_Id__c: string | null;
  OpportunityId: string;
  Quantity: number;
  UnitPrice: number | null;
  TotalPrice: number | null;
  CurrencyIsoCode?: string | null;
  ServiceDate: string | null;
  Description: string | null;
  SortOrder?: number | null;
  Product2?: { ProductCode: string | null; Family: string | null; Name?: string | null } | null;
  LastModifiedDate: string;
}

/** A Contract as system-crm selects it (SALESFORCE_CONTRACT_FIELDS). */
export interface SalesforceContractRecord {
  attributes?: { type: string; url: string };
  Id: string;
  External_Id__c: string | null;
  Name: string | null;
  AccountId: string;
  Account?: { External_Id__c: string | null; Legal_Entity__c?: string | null } | null;
  Opportunity__c?: string | null;
  Opportunity__r?: { External_Id__c: string | null } | null;
  Status: string;
  StartDate: string | null;
  ContractTerm: number | null;
  EndDate: string | null;
  CurrencyIsoCode?: string | null;
  Legal_Entity__c: string | null;
  Billing_Model__c: string | null;
  Rate_Card__c: string | null;
  Payment_Terms_Days__c: number | null;
  Total_Value__c: number | null;
  Retainer_Fee__c: number | null;
  Retainer_Period__c: string | null;
  Retainer_Included_Hours__c: number | null;
  LastModifiedDate: string;
}

/** `PATCH /sobjects/{Obj}/{ExtField}/{value}` answer (201 created, 200 updated). */
export interface SalesforceUpsertResult {
  id: string;
  success: boolean;
  errors: SalesforceErrorItem[];
  created?: boolean;
}
