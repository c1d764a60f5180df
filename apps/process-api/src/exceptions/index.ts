export * from './business-exception.entity';
export * from './exceptions.constants';
export * from './exceptions.module';
export * from './exceptions.service';
