-- CreateEnum
CREATE TYPE "CaseType" AS ENUM ('RETURN_REFUND', 'REFUND_ONLY', 'EXCHANGE', 'REISSUE', 'LOGISTICS', 'QUALITY_COMPLAINT', 'SERVICE_COMPLAINT');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'AWAITING_RETURN', 'RETURN_SHIPPED', 'INSPECTING', 'REFUNDING', 'SHIPPING', 'REFUNDED', 'RESOLVED', 'REJECTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'PAID', 'PAID_BY_PLATFORM', 'PAID_MANUALLY', 'FAILED');

-- CreateEnum
CREATE TYPE "ReviewRepairOutcome" AS ENUM ('REPAIRED', 'NOT_REPAIRED', 'APPEALED', 'CANCELLED');

-- CreateTable
CREATE TABLE "cases" (
    "shop_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "type" "CaseType" NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "situation" TEXT NOT NULL,
    "fault" TEXT,
    "channel" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "description" TEXT,
    "locale" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "requested_amount" DECIMAL(12,2),
    "currency" CHAR(3) NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "first_response_at" TIMESTAMPTZ(3),
    "decision" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "return_courier" TEXT,
    "return_tracking_number" TEXT,
    "return_shipped_at" TIMESTAMPTZ(3),
    "return_received_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("shop_id","case_id")
);

-- CreateTable
CREATE TABLE "case_log" (
    "shop_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "kind" "OrderLogKind" NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "payload_hash" CHAR(64),
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_log_pkey" PRIMARY KEY ("shop_id","case_id","entry_id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "provider_refund_id" TEXT,
    "last_error" TEXT,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "paid_at" TIMESTAMPTZ(3),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compensations" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "situation" TEXT NOT NULL,
    "offer" TEXT NOT NULL,
    "amount" DECIMAL(12,2),
    "currency" CHAR(3) NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "compensations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_repairs" (
    "shop_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "agent_result" TEXT,
    "outcome" "ReviewRepairOutcome",
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_repairs_pkey" PRIMARY KEY ("shop_id","order_id")
);

-- CreateTable
CREATE TABLE "shop_payment_gateways" (
    "shop_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shop_payment_gateways_pkey" PRIMARY KEY ("shop_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cases_workflow_id_key" ON "cases"("workflow_id");

-- CreateIndex
CREATE INDEX "cases_shop_id_opened_at_idx" ON "cases"("shop_id", "opened_at");

-- CreateIndex
CREATE INDEX "cases_shop_id_order_id_idx" ON "cases"("shop_id", "order_id");

-- CreateIndex
CREATE INDEX "refunds_shop_id_paid_at_idx" ON "refunds"("shop_id", "paid_at");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_shop_id_case_id_step_key" ON "refunds"("shop_id", "case_id", "step");

-- CreateIndex
CREATE INDEX "compensations_shop_id_applied_at_idx" ON "compensations"("shop_id", "applied_at");

-- CreateIndex
CREATE UNIQUE INDEX "review_repairs_workflow_id_key" ON "review_repairs"("workflow_id");

-- CreateIndex
CREATE INDEX "review_repairs_shop_id_closed_at_idx" ON "review_repairs"("shop_id", "closed_at");
