import { applyDecorators, RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApiExtension, ApiOAuth2, ApiSecurity } from '@nestjs/swagger';

/** Metadata key of the scopes an operation requires (also readable by guards). */
export const REQUIRED_SCOPES = 'platform:requiredScopes';

/**
 * The scopes a consumer needs to call the operation, declared in the contract: the OpenAPI
 * `security` `[{ apiKey: [] }, { oauth2: [...] }]` (either credential; OpenAPI 3.0 lets only OAuth2
 * list scopes) and `x-required-scopes: [...]`, which the gateway enforces for every credential. The
 * gateway enforces exactly what this publishes. On a class, it applies to every operation without
 * its own.
 */
export function RequiresScopes(...scopes: string[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiSecurity('apiKey'),
    ApiOAuth2(scopes),
    ApiExtension('x-required-scopes', scopes),
  );
}

/**
 * The naming convention on a whole controller: `<product>:read` for GET operations, `<product>:write`
 * for the others. An operation with its own `@RequiresScopes` keeps it. Put it above `@Controller`.
 */
export function ProductScopes(product: string): ClassDecorator {
  return (target) => {
    const proto = (target as unknown as { prototype: Record<string, unknown> }).prototype;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      const handler = descriptor?.value as object | undefined;
      if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(REQUIRED_SCOPES, handler) !== undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const scope = `${product}:${method === RequestMethod.GET || method === RequestMethod.HEAD ? 'read' : 'write'}`;
      RequiresScopes(scope)(proto, key, descriptor!);
    }
  };
}
