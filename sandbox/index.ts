export { startSandbox, type RunningSandbox, type SandboxOptions } from './server/start-sandbox.js';
export { generateSandboxTls } from './http/tls.js';
export {
  DEMO_USERS,
  type DemoUser,
  SANDBOX_ADMINSERVICE_USER,
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  SCENARIO_NAMES,
  type ScenarioName,
} from './constants.js';
export { SANDBOX_ACCESS_ENV } from './demo-access.js';
export { sandboxBotEnvironment } from './bot-environment.js';
