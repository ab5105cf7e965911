// Command terraform-provider-krr serves the krr Terraform provider over the
// plugin protocol (version 6).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/platform-iac/terraform-provider-krr/internal/cpuprofile"
	"github.com/platform-iac/terraform-provider-krr/internal/pluginlog"
	"github.com/platform-iac/terraform-provider-krr/internal/provider"
)

// version is set at build time by goreleaser or the Makefile
// (-ldflags "-X main.version=…"); "dev" marks a local build.
var version = "dev"

// registryAddress is the provider's address in the Terraform registry; it
// must match the source in users' required_providers blocks and in
// dev_overrides.
const registryAddress = "registry.terraform.io/platform-iac/krr"

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.BoolVar(&showVersion, "version", false, "print the provider's version and exit")
	flag.Parse()

	if showVersion {
		fmt.Println(version)
		return
	}

	pluginlog.QuietUnlessAsked("krr")
	stopProfile := cpuprofile.Start()
	defer stopProfile()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: registryAddress,
		Debug:   debug,
	})
	if err != nil {
		stopProfile()
		log.Fatal(err.Error())
	}
}
