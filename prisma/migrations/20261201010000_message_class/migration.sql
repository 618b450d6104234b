-- CreateEnum
CREATE TYPE "MessageClass" AS ENUM ('SERVICE', 'FOLLOW_UP');

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "message_class" "MessageClass" NOT NULL DEFAULT 'SERVICE';

-- Messages sent before the class existed: the follow-up templates of that time.
UPDATE "messages" SET "message_class" = 'FOLLOW_UP' WHERE "template" IN ('payment_reminder_cutoff', 'payment_reminder', 'review_repair_contact');
