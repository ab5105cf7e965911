package contacts

// Names the external tests of this package use.

const MerchantDataMessage = merchantDataMessage
var OrgContactsLeftInPortal = orgContactsLeftInPortal
