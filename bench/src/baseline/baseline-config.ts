import { type AppConfig, loadAppConfigFromProcess } from '@app/config';

/** Read once at start-up: the topic name is needed by the @EventPattern decorator. */
export const BASELINE_CONFIG: AppConfig = loadAppConfigFromProcess();
