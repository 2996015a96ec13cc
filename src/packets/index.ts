export * from './types';
export { buildPackets, packetFileName, inputLabel, inputDisplay, type PacketOptions } from './build';
export { applyPacketAppraisals, type AppliedAppraisal, type MergeResult } from './merge';
export { writePacketXlsx, describePacket, packetSheetName, packetTitle } from './write';
export {
  readPacketXlsx,
  isPacketWorkbook,
  type PacketRead,
  type PacketReadOptions,
  type PacketInfo,
  type PacketUnitRef,
} from './read';
export { PACKET_COL, PACKET_META, PACKET_META_SHEET, PACKET_KIND, PACKET_LAYOUT_VERSION } from './layout';
