import { Controller, Get } from '@nestjs/common';
import { Public } from '../../common/auth.decorators';
import { InjectEnv, type Env } from '@app/core';
import pkg from '../../../../../package.json';

/** GET /meta: what is running (no secrets, nothing about the infrastructure). */
@Public()
@Controller('meta')
export class MetaController {
  constructor(@InjectEnv() private readonly env: Env) {}

  @Get()
  meta(): { name: string; version: string; environment: string; uptimeSeconds: number; node: string } {
    return {
      name: 'saas-api',
      version: pkg.version,
      environment: this.env.NODE_ENV,
      uptimeSeconds: Math.round(process.uptime()),
      node: process.version,
    };
  }
}
