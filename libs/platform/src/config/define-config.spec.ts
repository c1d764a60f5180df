import { Inject, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';
import { AppDefinition } from '../app-definition';
import { bootstrapApp } from '../bootstrap/bootstrap-app';
import { PlatformModule } from '../platform.module';
import { ConfigError } from './config-error';
import { defineConfig, loadConfig } from './define-config';
import { loadPlatformConfig } from './platform.config';

class CrmConfig {
  @IsUrl({ require_tld: false, require_protocol: true })
  salesforceUrl: string;

  @IsInt()
  @Min(100)
  pollIntervalMs: number = 5000;

  @IsBoolean()
  webhooksEnabled: boolean = false;

  @IsOptional()
  @IsString()
  apiVersion?: string;
}

const mapper = (env: NodeJS.ProcessEnv) => ({
  salesforceUrl: env.SYSTEM_CRM_SALESFORCE_URL,
  pollIntervalMs: env.SYSTEM_CRM_POLL_INTERVAL_MS,
  webhooksEnabled: env.SYSTEM_CRM_WEBHOOKS_ENABLED,
  apiVersion: env.SALESFORCE_API_VERSION,
});

describe('defineConfig / loadConfig', () => {
  it('builds a typed config: strings converted to the declared types, defaults for unset variables', () => {
    const cfg = loadConfig('crm', CrmConfig, mapper, {
      SYSTEM_CRM_SALESFORCE_URL: 'http://127.0.0.1:9101',
      SYSTEM_CRM_WEBHOOKS_ENABLED: 'true',
    });
    expect(cfg).toBeInstanceOf(CrmConfig);
    expect(cfg).toMatchObject({ salesforceUrl: 'http://127.0.0.1:9101', pollIntervalMs: 5000, webhooksEnabled: true });
    expect(
      loadConfig('crm', CrmConfig, mapper, {
        SYSTEM_CRM_SALESFORCE_URL: 'http://x:1',
        SYSTEM_CRM_POLL_INTERVAL_MS: '250',
      }).pollIntervalMs,
    ).toBe(250);
  });

  it('names the missing variable', () => {
    expect(() => loadConfig('crm', CrmConfig, mapper, {})).toThrow(ConfigError);
    expect(() => loadConfig('crm', CrmConfig, mapper, {})).toThrow(
      /^Invalid configuration: SYSTEM_CRM_SALESFORCE_URL must be a URL address/,
    );
  });

  it('names each bad variable', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig('crm', CrmConfig, mapper, {
        SYSTEM_CRM_SALESFORCE_URL: 'not a url',
        SYSTEM_CRM_POLL_INTERVAL_MS: 'soon',
        SYSTEM_CRM_WEBHOOKS_ENABLED: 'maybe',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.key).toBe('crm');
    expect(error?.problems.map((p) => p.variable).sort()).toEqual([
      'SYSTEM_CRM_POLL_INTERVAL_MS',
      'SYSTEM_CRM_SALESFORCE_URL',
      'SYSTEM_CRM_WEBHOOKS_ENABLED',
    ]);
    expect(error?.message).toContain('SYSTEM_CRM_POLL_INTERVAL_MS must be an integer number');
    expect(error?.message).toContain('SYSTEM_CRM_WEBHOOKS_ENABLED must be a boolean value');
  });

  it('finds the variable even when the mapper converts the value itself', () => {
    const m = (env: NodeJS.ProcessEnv) => ({
      salesforceUrl: 'http://x:1',
      pollIntervalMs: Number(env.CRM_POLL_INTERVAL_MS ?? 5000),
    });
    expect(() => loadConfig('crm', CrmConfig, m, { CRM_POLL_INTERVAL_MS: '5' })).toThrow(
      'Invalid configuration: CRM_POLL_INTERVAL_MS must not be less than 100',
    );
  });

  it('platform config: 1 MiB body limit by default, BODY_LIMIT_BYTES and LOG_LEVEL validated', () => {
    const cfg = loadPlatformConfig({});
    expect(cfg.bodyLimitBytes).toBe(1024 * 1024);
    expect(cfg.host).toBe('0.0.0.0');
    expect(loadPlatformConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(() => loadPlatformConfig({ BODY_LIMIT_BYTES: 'lots' })).toThrow(
      /BODY_LIMIT_BYTES must be an integer number/,
    );
    expect(() => loadPlatformConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of the following values/);
  });
});

describe('defineConfig in an app', () => {
  const crmConfig = defineConfig('crm', CrmConfig, mapper);

  @Injectable()
  class UsesConfig {
    constructor(@Inject(crmConfig.KEY) readonly cfg: ConfigType<typeof crmConfig>) {}
  }

  @Module({ imports: [ConfigModule.forFeature(crmConfig)], providers: [UsesConfig], exports: [UsesConfig] })
  class CrmFeatureModule {}

  @Module({ imports: [PlatformModule.forApp({ name: 'config-app' }), CrmFeatureModule] })
  class ConfigAppModule {}

  const def: AppDefinition = {
    name: 'config-app',
    module: ConfigAppModule,
    portEnv: 'CONFIG_APP_PORT',
    defaultPort: 0,
    apis: [],
  };
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['SYSTEM_CRM_SALESFORCE_URL', 'SYSTEM_CRM_POLL_INTERVAL_MS', 'BODY_LIMIT_BYTES']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('injects the typed config', async () => {
    process.env.SYSTEM_CRM_SALESFORCE_URL = 'http://127.0.0.1:9101';
    const running = await bootstrapApp(def, { port: 0, host: '127.0.0.1', logger: false });
    try {
      expect(running.app.get(UsesConfig).cfg.salesforceUrl).toBe('http://127.0.0.1:9101');
      expect(running.app.get(UsesConfig).cfg.pollIntervalMs).toBe(5000);
    } finally {
      await running.close();
    }
  });

  it('stops the app at boot with a ConfigError naming the variable', async () => {
    delete process.env.SYSTEM_CRM_SALESFORCE_URL;
    await expect(bootstrapApp(def, { port: 0, host: '127.0.0.1', logger: false })).rejects.toThrow(
      /Invalid configuration: SYSTEM_CRM_SALESFORCE_URL must be a URL address/,
    );
  });

  it('loads the namespaces listed in AppDefinition.config globally, and checks them before creating the app', async () => {
    @Injectable()
    class ReadsGlobalConfig {
      constructor(@Inject(crmConfig.KEY) readonly cfg: ConfigType<typeof crmConfig>) {}
    }
    @Module({ imports: [PlatformModule.forApp({ name: 'config-app-2' })], providers: [ReadsGlobalConfig] })
    class GlobalConfigModule {}
    const withConfig: AppDefinition = { ...def, name: 'config-app-2', module: GlobalConfigModule, config: [crmConfig] };

    delete process.env.SYSTEM_CRM_SALESFORCE_URL;
    await expect(bootstrapApp(withConfig, { port: 0, host: '127.0.0.1', logger: false })).rejects.toBeInstanceOf(
      ConfigError,
    );

    process.env.SYSTEM_CRM_SALESFORCE_URL = 'http://127.0.0.1:9101';
    const running = await bootstrapApp(withConfig, { port: 0, host: '127.0.0.1', logger: false });
    try {
      expect(running.app.get(ReadsGlobalConfig).cfg.salesforceUrl).toBe('http://127.0.0.1:9101');
    } finally {
      await running.close();
    }
  });

  it('stops the app on a bad platform variable too', async () => {
    process.env.SYSTEM_CRM_SALESFORCE_URL = 'http://127.0.0.1:9101';
    process.env.BODY_LIMIT_BYTES = '12';
    await expect(bootstrapApp(def, { port: 0, host: '127.0.0.1', logger: false })).rejects.toBeInstanceOf(ConfigError);
  });
});
