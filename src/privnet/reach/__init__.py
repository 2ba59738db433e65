"""Reachability: will a client at a location resolve a name and reach it on a port?

A network snapshot (from the live AWS, or from what a topology will build) is indexed; DNS
and flow analysis answer each question hop by hop with a closed disposition and a culprit.
Read-only: nothing here provisions (an import contract says so).
"""
