import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ApiError } from './api-error.js';

export interface FieldError {
  field: string;
  messages: string[];
  /** the numeric limits of the broken rules (`{ maxLength: 10000 }`), so a client can name them */
  limits?: Record<string, number>;
}

/** The numbers behind the broken rules of one property (MaxLength(10000) → { maxLength: 10000 }). */
function limitsOf(error: ValidationError): Record<string, number> | undefined {
  const target = (error.target as object | undefined)?.constructor;
  if (!target || !error.constraints) return undefined;
  const limits: Record<string, number> = {};
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const [limit] = (rule.constraints ?? []) as unknown[];
    if (
      rule.propertyName === error.property &&
      rule.name !== undefined &&
      rule.name in error.constraints &&
      typeof limit === 'number'
    )
      limits[rule.name] = limit;
  }
  return Object.keys(limits).length ? limits : undefined;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const limits = limitsOf(error);
    const own = error.constraints
      ? [{ field, messages: Object.values(error.constraints), ...(limits ? { limits } : {}) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 400 REQUEST.VALIDATION_FAILED listing every invalid field; unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // the limits of a broken rule are looked up on the validated object's class (limitsOf)
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new ApiError(
        400,
        'REQUEST.VALIDATION_FAILED',
        `invalid input: ${details.map((d) => d.field).join(', ')}`,
        details,
      );
    },
  });
}
