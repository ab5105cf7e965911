package contacts

// Names the external tests of this package (contacts_test) use.

// MerchantDataMessage is merchantDataMessage.
const MerchantDataMessage = merchantDataMessage

// OrgContactsLeftInPortal is orgContactsLeftInPortal.
var OrgContactsLeftInPortal = orgContactsLeftInPortal
