import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One token bucket shared by every plugin instance. Rows are written with a single atomic UPSERT
 * (see PostgresRateLimiter); the entity exists so the table is part of the schema and its migrations.
 */
@Entity({ tableName: 'rate_limit_buckets' })
export class RateLimitBucket {
  /** e.g. `user:<uuid>`, `credential:<uuid>`, `webhook:<endpoint id>`. */
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'double' })
  tokens!: number;

  /** How many tokens the last statement took (returned to the caller with the remainder). */
  @Property({ type: 'integer' })
  taken!: number;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
