-- AlterTable
ALTER TABLE "User" ADD COLUMN "disabledReason" TEXT;

-- CreateTable
CREATE TABLE "UploadSlot" (
    "userId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "slot")
);

-- CreateIndex
CREATE INDEX "UploadSlot_expiresAt_idx" ON "UploadSlot"("expiresAt");

