/** maa.md "The protocol" [DOC]: where Multi Admin Approval requests live (read, list, cancel, retrieveRequestStatus). */
export const APPROVAL_REQUESTS = '/deviceManagement/operationApprovalRequests';
