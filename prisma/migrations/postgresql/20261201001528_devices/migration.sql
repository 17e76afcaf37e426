-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "lastAutoRefreshAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DeviceSnap" ADD COLUMN     "declarationRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "previousDeclarationRevision" INTEGER,
ADD COLUMN     "previousRevisionId" TEXT;

-- CreateTable
CREATE TABLE "DeviceChange" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "spawnedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),

    CONSTRAINT "DeviceChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviceChange_deviceId_seq_key" ON "DeviceChange"("deviceId", "seq");

-- AddForeignKey
ALTER TABLE "DeviceChange" ADD CONSTRAINT "DeviceChange_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

