export type { ObjectStore, StoredObject } from './object-store';
export { createS3ObjectStore, ObjectStoreError } from './s3-object-store';
