// Command kuma-cp is Kuma's control plane at the version pinned in go.mod, unchanged.
package main

import "github.com/kumahq/kuma/v2/app/kuma-cp/cmd"

func main() {
	cmd.Execute()
}
