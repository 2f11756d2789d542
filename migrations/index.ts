import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123231657_initial } from './Migration20261123231657_initial';
import { Migration20261123232806_keyring } from './Migration20261123232806_keyring';
import { Migration20261123234948_credential_alerts } from './Migration20261123234948_credential_alerts';
import { Migration20261123235544_rate_limits } from './Migration20261123235544_rate_limits';
import { Migration20261124000029_credential_circuit } from './Migration20261124000029_credential_circuit';
import { Migration20261123235851_key_rotation } from './Migration20261123235851_key_rotation';
import { Migration20261123235746_agent_replies } from './Migration20261123235746_agent_replies';
import { Migration20261123235624_webhook_processing } from './Migration20261123235624_webhook_processing';
import { Migration20261124023127_platform_migration } from './Migration20261124023127_platform_migration';
import { Migration20261124045812_credential_deleting_at } from './Migration20261124045812_credential_deleting_at';
import { Migration20261205162430_hot_query_indexes } from './Migration20261205162430_hot_query_indexes';
import { Migration20261205162431_message_retention } from './Migration20261205162431_message_retention';
import { Migration20261205162544_inbound_batches } from './Migration20261205162544_inbound_batches';
import { Migration20261205162620_secret_binding } from './Migration20261205162620_secret_binding';
import { Migration20261205171007_audit_occurred_at_index } from './Migration20261205171007_audit_occurred_at_index';
import { Migration20261205233545_suppressions } from './Migration20261205233545_suppressions';
import { Migration20261206021958_dead_letter_indexes } from './Migration20261206021958_dead_letter_indexes';
import { Migration20261206025500_agent_read_receipts } from './Migration20261206025500_agent_read_receipts';
import { Migration20261206050000_webhook_fields } from './Migration20261206050000_webhook_fields';
import { Migration20261206051500_message_edits } from './Migration20261206051500_message_edits';
import { Migration20261206031000_templates_and_quality } from './Migration20261206031000_templates_and_quality';

/** Every migration in the order it must run. MikroORM is given this list instead of scanning files. */
export const ALL_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123231657_initial', class: Migration20261123231657_initial },
  { name: 'Migration20261123232806_keyring', class: Migration20261123232806_keyring },
  { name: 'Migration20261123234948_credential_alerts', class: Migration20261123234948_credential_alerts },
  { name: 'Migration20261123235544_rate_limits', class: Migration20261123235544_rate_limits },
  { name: 'Migration20261124000029_credential_circuit', class: Migration20261124000029_credential_circuit },
  { name: 'Migration20261123235851_key_rotation', class: Migration20261123235851_key_rotation },
  { name: 'Migration20261123235746_agent_replies', class: Migration20261123235746_agent_replies },
  { name: 'Migration20261123235624_webhook_processing', class: Migration20261123235624_webhook_processing },
  { name: 'Migration20261124023127_platform_migration', class: Migration20261124023127_platform_migration },
  { name: 'Migration20261124045812_credential_deleting_at', class: Migration20261124045812_credential_deleting_at },
  { name: 'Migration20261205162430_hot_query_indexes', class: Migration20261205162430_hot_query_indexes },
  { name: 'Migration20261205162431_message_retention', class: Migration20261205162431_message_retention },
  { name: 'Migration20261205162544_inbound_batches', class: Migration20261205162544_inbound_batches },
  { name: 'Migration20261205162620_secret_binding', class: Migration20261205162620_secret_binding },
  { name: 'Migration20261205171007_audit_occurred_at_index', class: Migration20261205171007_audit_occurred_at_index },
  { name: 'Migration20261205233545_suppressions', class: Migration20261205233545_suppressions },
  { name: 'Migration20261206021958_dead_letter_indexes', class: Migration20261206021958_dead_letter_indexes },
  { name: 'Migration20261206025500_agent_read_receipts', class: Migration20261206025500_agent_read_receipts },
  { name: 'Migration20261206031000_templates_and_quality', class: Migration20261206031000_templates_and_quality },
  { name: 'Migration20261206050000_webhook_fields', class: Migration20261206050000_webhook_fields },
  { name: 'Migration20261206051500_message_edits', class: Migration20261206051500_message_edits },
];
