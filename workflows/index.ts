// Every workflow the worker runs; the worker bundles this file.
export { orderWorkflow } from './order';
export { reviewRepairWorkflow } from './review-repair';
export { afterSalesCaseWorkflow } from './after-sales-case';
export { personalDataRetention } from './personal-data-retention';
export { connectorWorkflow, connectorBackfillWorkflow } from './connector';
