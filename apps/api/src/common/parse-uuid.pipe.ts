import { Injectable, type PipeTransform } from '@nestjs/common';
import { BadUserInputException } from '@app/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is BAD_USER_INPUT (never a database error). */
@Injectable()
export class ParseUUIDPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: { data?: string }): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw BadUserInputException.field(metadata.data ?? 'id', 'must be a valid id');
    }
    return value.toLowerCase();
  }
}
