package main

import (
	"fmt"
	"math"
	"strings"
)

// svg draws no-change plan time against the number of resources: the
// provider, its twin and terraform_data, one line each.
func (rep *report) svg() string {
	const (
		width, height          = 720, 420
		left, right, top, foot = 70, 170, 40, 60
	)
	series := []struct {
		kind, label, color string
	}{
		{kindKRR, "krr", "#c0392b"},
		{kindTwin, "twin (schemas, no work)", "#2471a3"},
		{kindBare, "bare twin (bare schemas)", "#27ae60"},
		{kindTerraformData, "terraform_data", "#7f8c8d"},
	}
	maxX, maxY := 1.0, 0.1
	for _, r := range rep.Chart {
		maxX = math.Max(maxX, float64(r.Resources))
		maxY = math.Max(maxY, r.Steps["plan"].Wall.Seconds())
	}
	maxY = niceCeil(maxY)
	maxX = niceCeil(maxX)
	x := func(v float64) float64 { return left + v/maxX*(width-left-right) }
	y := func(v float64) float64 { return height - foot - v/maxY*(height-top-foot) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="14" font-weight="bold">No-change terraform plan, %s latency per request</text>`+"\n",
		left, rep.latencies()[0])
	for i := 0; i <= 5; i++ {
		vy := maxY * float64(i) / 5
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", left, y(vy), width-right, y(vy))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%.3g s</text>`+"\n", left-6, y(vy)+4, vy)
		vx := maxX * float64(i) / 5
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%.0f</text>`+"\n", x(vx), height-foot+18, vx)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">resources in the configuration</text>`+"\n",
		(left+width-right)/2, height-18)
	for i, s := range series {
		var points []string
		for _, r := range rep.Chart {
			if r.Kind == s.kind {
				points = append(points, fmt.Sprintf("%.1f,%.1f", x(float64(r.Resources)), y(r.Steps["plan"].Wall.Seconds())))
			}
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", s.color, strings.Join(points, " "))
		for _, p := range points {
			xy := strings.Split(p, ",")
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`+"\n", xy[0], xy[1], s.color)
		}
		ly := top + 20 + i*22
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>`+"\n", width-right+15, ly, width-right+40, ly, s.color)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", width-right+46, ly+4, s.label)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
