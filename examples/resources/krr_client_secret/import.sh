# A client secret cannot be imported: the portal shows a secret once, when
# it makes it, and never again. Let krr_client_secret make a new one (the
# client's old secret stops working when it does).
