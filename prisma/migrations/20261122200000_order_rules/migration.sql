-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'AWAITING_SHIPMENT';
ALTER TYPE "OrderStatus" ADD VALUE 'PACKED';
ALTER TYPE "OrderStatus" ADD VALUE 'SHIPPED';
ALTER TYPE "OrderStatus" ADD VALUE 'DELIVERED';
ALTER TYPE "OrderStatus" ADD VALUE 'RECEIVED';
ALTER TYPE "OrderStatus" ADD VALUE 'COMPLETED';

-- CreateEnum
CREATE TYPE "OrderLogKind" AS ENUM ('EVENT', 'CHANGE');

-- CreateEnum
CREATE TYPE "CourierClaimStatus" AS ENUM ('OPEN', 'SETTLED');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "buyer_tier" TEXT NOT NULL DEFAULT 'REGULAR',
ADD COLUMN     "closed_reason" TEXT,
ADD COLUMN     "courier" TEXT,
ADD COLUMN     "credited_agent" TEXT,
ADD COLUMN     "paid_at" TIMESTAMPTZ(3),
ADD COLUMN     "received_at" TIMESTAMPTZ(3),
ADD COLUMN     "ship_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "shipped_at" TIMESTAMPTZ(3),
ADD COLUMN     "tracking_number" TEXT;

-- CreateTable
CREATE TABLE "order_log" (
    "shop_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "kind" "OrderLogKind" NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "payload_hash" CHAR(64),
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_log_pkey" PRIMARY KEY ("shop_id","order_id","entry_id")
);

-- CreateTable
CREATE TABLE "courier_claims" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "courier" TEXT NOT NULL,
    "tracking_number" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amount" DECIMAL(12,2),
    "status" "CourierClaimStatus" NOT NULL DEFAULT 'OPEN',
    "filed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "courier_claims_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "order_log_shop_id_type_at_idx" ON "order_log"("shop_id", "type", "at");

-- CreateIndex
CREATE INDEX "courier_claims_shop_id_filed_at_idx" ON "courier_claims"("shop_id", "filed_at");
