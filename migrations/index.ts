import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123231657_initial } from './Migration20261123231657_initial';
import { Migration20261123232806_keyring } from './Migration20261123232806_keyring';
import { Migration20261123235624_webhook_processing } from './Migration20261123235624_webhook_processing';

/** Every migration in the order it must run. MikroORM is given this list instead of scanning files. */
export const ALL_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123231657_initial', class: Migration20261123231657_initial },
  { name: 'Migration20261123232806_keyring', class: Migration20261123232806_keyring },
  { name: 'Migration20261123235624_webhook_processing', class: Migration20261123235624_webhook_processing },
];
