import { Injectable } from '@nestjs/common';

/** Placeholder, replaced by the resilient client in the next commit. */
@Injectable()
export class HttpClientFactory {}
