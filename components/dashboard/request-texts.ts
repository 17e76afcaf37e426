// Fixed texts of the store-request forms (pure; shared by the form and the server action).

/** What a publisher confirms before asking for classic confinement (the forum's checklist). */
export const CLASSIC_ACKNOWLEDGEMENTS = [
  { id: "read-policy", label: "I have read the classic confinement policy and my snap fits one of the supported categories." },
  { id: "tried-strict", label: "I tried strict confinement with the available interfaces and it cannot work for this snap." },
  { id: "no-interfaces", label: "I understand a classic snap may not declare plugs or slots, and users install it with --classic." },
] as const;

export const INTERFACE_REQUEST_TYPES = {
  installation: "Installation (a super-privileged interface: the snap cannot be installed without it)",
  connection: "Connection (allow manual connection)",
  "auto-connection": "Auto-connection (connect at install, without user action)",
} as const;
