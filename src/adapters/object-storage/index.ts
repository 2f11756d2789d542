export type { ObjectStore, StoredObject } from './object-store';
export { createS3ObjectStore, ObjectStoreError, type S3ObjectStoreSettings } from './s3-object-store';
