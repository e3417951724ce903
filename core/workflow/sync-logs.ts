/** Where the upload shows (configmgr-adminservice.md §3 "Runtime evidence", §9 "Sync latency after change"). */
export const UPLOAD_LOGS: readonly string[] = [
  'CMGatewaySyncUploadWorker.log on the service connection point ("Batching N records" every 15 minutes)',
  'CMGatewayNotificationWorker.log on the service connection point',
];

export const UPLOAD_CYCLE_HINT =
  'The upload runs every 15 minutes and the admin center shows it 5-10 minutes later; I keep checking until then.';
