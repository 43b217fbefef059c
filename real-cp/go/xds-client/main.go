// Command xds-client stands in for the Envoy of existing Dataplanes: it opens an ADS stream to
// kuma-cp per Dataplane, ACKs whatever arrives, and prints the listeners, route configurations
// and cluster names kuma-cp sent, one JSON line per Dataplane each time they change. While it
// runs, kuma-cp sees the proxies online; it exits when stdin closes.
//
//	xds-client -xds grpcs://127.0.0.1:5678 -kuma-version 2.14.3 mesh/name [mesh/name ...]
package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	rbac "github.com/envoyproxy/go-control-plane/envoy/config/rbac/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	httprbac "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/rbac/v3"
	hcm "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	networkrbac "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/rbac/v3"
	tcpproxy "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/tcp_proxy/v3"
	networkinputs "github.com/envoyproxy/go-control-plane/envoy/extensions/matching/common_inputs/network/v3"
	sslinputs "github.com/envoyproxy/go-control-plane/envoy/extensions/matching/common_inputs/ssl/v3"
	discovery "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	listenerType = "type.googleapis.com/envoy.config.listener.v3.Listener"
	routeType    = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
	clusterType  = "type.googleapis.com/envoy.config.cluster.v3.Cluster"
)

// The few message types this client reads are registered by the imports above. Any other
// typed_config (filters kuma-cp adds that nothing here reads) decodes as Empty, so the JSON
// keeps its @type and drops its body instead of failing.
type lenientResolver struct{}

func (lenientResolver) FindMessageByName(name protoreflect.FullName) (protoreflect.MessageType, error) {
	if found, err := protoregistry.GlobalTypes.FindMessageByName(name); err == nil {
		return found, nil
	}
	return (&emptypb.Empty{}).ProtoReflect().Type(), nil
}

func (r lenientResolver) FindMessageByURL(typeURL string) (protoreflect.MessageType, error) {
	return r.FindMessageByName(protoreflect.FullName(typeURL[strings.LastIndex(typeURL, "/")+1:]))
}

func (lenientResolver) FindExtensionByName(name protoreflect.FullName) (protoreflect.ExtensionType, error) {
	return protoregistry.GlobalTypes.FindExtensionByName(name)
}

func (lenientResolver) FindExtensionByNumber(message protoreflect.FullName, field protoreflect.FieldNumber) (protoreflect.ExtensionType, error) {
	return protoregistry.GlobalTypes.FindExtensionByNumber(message, field)
}

var toJSON = protojson.MarshalOptions{Resolver: lenientResolver{}}

// Keeps the linker from dropping the types the resolver must find. The RBAC filters, their
// matcher's action and its inputs (URI SAN, SNI) are kept so a test can read what an inbound
// allows (real-cp/differential/permission-rbac.test.ts).
var _ = []proto.Message{
	&hcm.HttpConnectionManager{}, &tcpproxy.TcpProxy{}, &cluster.Cluster{},
	&networkrbac.RBAC{}, &httprbac.RBAC{}, &rbac.Action{},
	&sslinputs.UriSanInput{}, &networkinputs.ServerNameInput{},
}

type snapshot struct {
	Dataplane string            `json:"dataplane"`
	Listeners []json.RawMessage `json:"listeners"`
	Routes    []json.RawMessage `json:"routes"`
	Clusters  []string          `json:"clusters"`
	received  map[string]bool
}

var printMu sync.Mutex

func (s *snapshot) print() error {
	line, err := json.Marshal(s)
	if err != nil {
		return err
	}
	printMu.Lock()
	defer printMu.Unlock()
	_, err = fmt.Printf("%s\n", line)
	return err
}

func resourcesToJSON(resources []*anypb.Any, decode func(*anypb.Any) (proto.Message, error)) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, 0, len(resources))
	for _, resource := range resources {
		message, err := decode(resource)
		if err != nil {
			return nil, err
		}
		encoded, err := toJSON.Marshal(message)
		if err != nil {
			return nil, err
		}
		out = append(out, encoded)
	}
	return out, nil
}

func decodeAs[T proto.Message](empty T) func(*anypb.Any) (proto.Message, error) {
	return func(resource *anypb.Any) (proto.Message, error) {
		message := proto.Clone(empty)
		return message, resource.UnmarshalTo(message)
	}
}

func nodeMetadata(kumaVersion string) *structpb.Struct {
	metadata, err := structpb.NewStruct(map[string]any{
		"version": map[string]any{
			"kumaDp": map[string]any{
				"version":   kumaVersion,
				"gitTag":    kumaVersion,
				"gitCommit": "xds-client",
				"buildDate": "xds-client",
			},
			"envoy": map[string]any{
				"version":          "1.36.0",
				"build":            "xds-client",
				"kumaDpCompatible": true,
			},
		},
	})
	if err != nil {
		panic(err)
	}
	return metadata
}

func dial(address string) (*grpc.ClientConn, error) {
	parsed, err := url.Parse(address)
	if err != nil || parsed.Scheme != "grpcs" {
		return nil, fmt.Errorf("-xds wants grpcs://HOST:PORT, got %q", address)
	}
	// kuma-cp's xDS certificate is self-signed for a loopback test run.
	creds := credentials.NewTLS(&tls.Config{InsecureSkipVerify: true}) // #nosec G402
	return grpc.NewClient(parsed.Host, grpc.WithTransportCredentials(creds))
}

// follow streams one Dataplane's configuration until the context ends.
func follow(ctx context.Context, conn *grpc.ClientConn, dataplane, kumaVersion string) error {
	mesh, name, ok := strings.Cut(dataplane, "/")
	if !ok {
		return fmt.Errorf("dataplane %q is not mesh/name", dataplane)
	}
	stream, err := discovery.NewAggregatedDiscoveryServiceClient(conn).StreamAggregatedResources(ctx)
	if err != nil {
		return err
	}
	node := &core.Node{Id: mesh + "." + name, Metadata: nodeMetadata(kumaVersion)}
	for _, typeURL := range []string{clusterType, listenerType, routeType} {
		if err := stream.Send(&discovery.DiscoveryRequest{Node: node, TypeUrl: typeURL}); err != nil {
			return err
		}
	}
	state := &snapshot{Dataplane: dataplane, Listeners: []json.RawMessage{}, Routes: []json.RawMessage{}, Clusters: []string{}, received: map[string]bool{}}
	for {
		response, err := stream.Recv()
		if err != nil {
			return err
		}
		switch response.TypeUrl {
		case listenerType:
			state.Listeners, err = resourcesToJSON(response.Resources, decodeAs(&listener.Listener{}))
		case routeType:
			state.Routes, err = resourcesToJSON(response.Resources, decodeAs(&route.RouteConfiguration{}))
		case clusterType:
			state.Clusters = state.Clusters[:0]
			for _, resource := range response.Resources {
				decoded := &cluster.Cluster{}
				if err = resource.UnmarshalTo(decoded); err != nil {
					break
				}
				state.Clusters = append(state.Clusters, decoded.GetName())
			}
		}
		if err != nil {
			return fmt.Errorf("%s: decoding %s: %w", dataplane, response.TypeUrl, err)
		}
		state.received[response.TypeUrl] = true
		ack := &discovery.DiscoveryRequest{
			Node:          node,
			TypeUrl:       response.TypeUrl,
			VersionInfo:   response.VersionInfo,
			ResponseNonce: response.Nonce,
		}
		if err := stream.Send(ack); err != nil {
			return err
		}
		if state.received[listenerType] {
			if err := state.print(); err != nil {
				return err
			}
		}
	}
}

func main() {
	xds := flag.String("xds", "", "kuma-cp's xDS server, grpcs://127.0.0.1:PORT")
	kumaVersion := flag.String("kuma-version", "", "the kuma-dp version to claim (the control plane's own)")
	flag.Parse()
	if *xds == "" || *kumaVersion == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: xds-client -xds grpcs://HOST:PORT -kuma-version X mesh/name ...")
		os.Exit(2)
	}
	conn, err := dial(*xds)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer conn.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	failures := make(chan error, flag.NArg())
	for _, dataplane := range flag.Args() {
		go func() { failures <- follow(ctx, conn, dataplane, *kumaVersion) }()
	}
	for range flag.Args() {
		if err := <-failures; err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, err)
			cancel()
			os.Exit(1)
		}
	}
}
