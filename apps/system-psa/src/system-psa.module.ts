import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/** Kantata OX (PSA): projects, staffing and time. Its API arrives with the vendor issue. */
@Module({ imports: [PlatformModule.forApp({ name: 'system-psa' })] })
export class SystemPsaModule {}
