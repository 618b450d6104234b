-- AlterEnum
ALTER TYPE "RefundStatus" ADD VALUE 'VOIDED';

-- AlterTable
ALTER TABLE "refunds" ALTER COLUMN "case_id" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "refunds_shop_id_order_id_idx" ON "refunds"("shop_id", "order_id");
