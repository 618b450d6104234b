-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "line_no" INTEGER;

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "line_no" INTEGER;
