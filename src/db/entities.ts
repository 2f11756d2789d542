/**
 * Every entity the plugin owns. Each domain folder exports its entities from its own index; this list is
 * the only place the ORM learns about them.
 */
export const ALL_ENTITIES: Function[] = [];
