# A login client is imported by its client id, also when it is deactivated
# (it then comes in with active = false).
import {
  to = krr_login_client.my_page
  identity = {
    client_id = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
  }
}
