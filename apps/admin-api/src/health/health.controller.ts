import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicRoute } from '../auth/principal';
import { ADDRESS_LIMIT, KEY_LIMIT } from '../rate-limit/rate-limit.guards';
import { KafkaHealthIndicator } from './kafka-health.indicator';

@ApiTags('health')
@PublicRoute()
// Probes of orchestrators and load balancers poll often, from few addresses.
@SkipThrottle({ [ADDRESS_LIMIT]: true, [KEY_LIMIT]: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Readiness: database, broker, and the engine consuming. 503 when any is down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3_000 }),
      () => this.kafka.broker(),
      () => this.kafka.engineConsuming(),
    ]);
  }
}
