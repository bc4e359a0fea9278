import { type AppConfig, loadAppConfig } from './app-config';

/**
 * The only reader of process.env: entry points call it once at start-up.
 * A `.env` file in the working directory, when present, fills variables not already set.
 */
export function loadAppConfigFromProcess(): AppConfig {
  try {
    process.loadEnvFile();
  } catch {
    // no .env file: the real environment and the defaults apply
  }
  return loadAppConfig(process.env);
}

/**
 * The process's environment with `.env` applied, for entry points that pass it on as it is
 * (the `npm start` supervisor gives it to the apps it starts, which validate it themselves).
 */
export function loadProcessEnvironment(): Record<string, string | undefined> {
  try {
    process.loadEnvFile();
  } catch {
    // no .env file
  }
  return { ...process.env };
}
