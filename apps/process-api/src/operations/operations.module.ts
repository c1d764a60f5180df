import { Module } from '@nestjs/common';
import { DeadLetterOperationsService } from './dead-letter-operations.service';
import { DeadLettersController } from './dead-letters.controller';

/** Operations API of the process layer: its dead letters (DeadLetterService comes from MessagingModule). */
@Module({
  controllers: [DeadLettersController],
  providers: [DeadLetterOperationsService],
})
export class OperationsModule {}
