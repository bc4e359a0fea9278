import { BadRequestException, UnprocessableEntityException, type ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** 400 with one entry per bad field: `{ statusCode, error, message, errors: [{ field, message }] }`. */
export function fieldErrors(errors: FieldError[], message = 'The request is invalid'): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors });
}

/** 422 for a well-formed request whose content the domain refuses (e.g. an invalid ruleset document), same shape as fieldErrors. */
export function unprocessable(errors: FieldError[], message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message, errors });
}

/** Body, query and params: unknown fields are refused, types are converted only where declared. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => fieldErrors(flatten(errors)),
  });
}
