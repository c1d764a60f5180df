import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/** Workday (HRIS): the worker report and workers. Its API arrives with the vendor issue. */
@Module({ imports: [PlatformModule.forApp({ name: 'system-hris' })] })
export class SystemHrisModule {}
