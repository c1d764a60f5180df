import { accountSObject } from './account.sobject';
import { contractSObject } from './contract.sobject';
import { invoiceSObject } from './invoice.sobject';
import { opportunityLineItemSObject } from './opportunity-line-item.sobject';
import { opportunitySObject } from './opportunity.sobject';
import { product2SObject } from './product2.sobject';
import { FieldDef, SObjectDef } from './sobject-schema';

/**
 * Case-insensitive lookup of sObjects and their fields, like Salesforce's API (`stagename` finds
 * `StageName`). Immutable; one instance serves the whole sandbox.
 */
export class SObjectRegistry {
  private readonly byName = new Map<string, SObjectDef>();
  private readonly fieldsByObject = new Map<string, Map<string, FieldDef>>();
  private readonly relationshipsByObject = new Map<string, Map<string, FieldDef>>();

  constructor(objects: readonly SObjectDef[]) {
    for (const obj of objects) {
      this.byName.set(obj.name.toLowerCase(), obj);
      this.fieldsByObject.set(obj.name, new Map(obj.fields.map((f) => [f.name.toLowerCase(), f])));
      this.relationshipsByObject.set(
        obj.name,
        new Map(obj.fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f])),
      );
    }
  }

  all(): SObjectDef[] {
    return [...this.byName.values()];
  }

  find(name: string): SObjectDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  findByKeyPrefix(prefix: string): SObjectDef | undefined {
    return this.all().find((o) => o.keyPrefix === prefix);
  }

  field(obj: SObjectDef, name: string): FieldDef | undefined {
    return this.fieldsByObject.get(obj.name)?.get(name.toLowerCase());
  }

  /** The reference field behind a relationship name (`Account` on Opportunity -> AccountId). */
  relationship(obj: SObjectDef, relationshipName: string): FieldDef | undefined {
    return this.relationshipsByObject.get(obj.name)?.get(relationshipName.toLowerCase());
  }
}

export const SOBJECTS: readonly SObjectDef[] = [
  accountSObject,
  opportunitySObject,
  product2SObject,
  opportunityLineItemSObject,
  contractSObject,
  invoiceSObject,
];

/** The registry of every sObject the sandbox serves. */
export const sobjectRegistry = new SObjectRegistry(SOBJECTS);
