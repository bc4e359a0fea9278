import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

/**
 * A value PostgreSQL refuses (class 22, data exception: a NUL character, an unpaired
 * surrogate, a date out of range) is the client's input, not a server fault: 400, not 500.
 * Field rules catch these first; this is the backstop for any field they miss.
 */
@Catch(QueryFailedError)
export class DatabaseDataErrorFilter extends BaseExceptionFilter {
  override catch(error: QueryFailedError, host: ArgumentsHost): void {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    if (!code?.startsWith('22')) return super.catch(error, host);
    host.switchToHttp().getResponse<Response>().status(HttpStatus.BAD_REQUEST).json({
      statusCode: 400,
      error: 'Bad Request',
      message: 'A value of the request cannot be stored (for example a NUL character, an unpaired surrogate or a date out of range)',
    });
  }
}
