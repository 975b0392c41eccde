import { ValidationPipe } from '@nestjs/common';

/** Bodies and queries are DTO classes; unknown fields are refused and values converted to their types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
  });
}
