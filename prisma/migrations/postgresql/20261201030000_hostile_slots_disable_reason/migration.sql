-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledReason" TEXT;

-- CreateTable
CREATE TABLE "UploadSlot" (
    "userId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UploadSlot_pkey" PRIMARY KEY ("userId","slot")
);

-- CreateIndex
CREATE INDEX "UploadSlot_expiresAt_idx" ON "UploadSlot"("expiresAt");

