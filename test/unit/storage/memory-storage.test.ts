import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('memory storage', async () => ({ storage: createMemoryStorage() }));
