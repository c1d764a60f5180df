import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { StripeApiGuard } from '../api/stripe-api.guard';
import { StripeIdempotencyInterceptor } from '../api/idempotency.interceptor';
import type { StripeParams } from '../common/form-params';
import { expandOf } from '../common/params';
import { StripeExceptionFilter } from '../common/stripe-exception.filter';
import { requestIdOf } from '../common/stripe-request';
import type { StripeList, StripeObject, StripeStore } from '../store/stripe-store';
import type { RequestInfo } from './stripe-billing.service';

/** A `/v1` controller: Stripe auth, faults and rate limit, Idempotency-Key, Stripe-shaped errors. */
export function StripeResource(): ClassDecorator {
  return applyDecorators(
    UseGuards(StripeApiGuard),
    UseInterceptors(StripeIdempotencyInterceptor),
    UseFilters(StripeExceptionFilter),
  ) as ClassDecorator;
}

export function requestInfo(request: FastifyRequest): RequestInfo {
  const key = request.headers['idempotency-key'];
  return { id: requestIdOf(request), idempotencyKey: Array.isArray(key) ? key[0] : key };
}

const EXPANDABLE: Record<string, string> = { customer: 'customer', invoice: 'invoice' };

/** `expand[]=customer` / `expand[]=data.customer` (lists): one level of expansion of id fields. */
export async function expand<T extends StripeObject | StripeList>(
  store: StripeStore,
  value: T,
  params: StripeParams,
): Promise<T> {
  const fields = expandOf(params);
  if (fields.length === 0) return value;
  const one = async (obj: StripeObject, names: string[]) => {
    for (const name of names) {
      const type = EXPANDABLE[name];
      const id = obj[name];
      if (type && typeof id === 'string') obj[name] = (await store.find(type, id)) ?? id;
    }
    return obj;
  };
  if ((value as StripeList).object === 'list') {
    const list = value as StripeList;
    const names = fields.filter((f) => f.startsWith('data.')).map((f) => f.slice(5));
    for (const obj of list.data) await one(obj, names);
    return value;
  }
  return (await one(value as StripeObject, fields)) as T;
}
